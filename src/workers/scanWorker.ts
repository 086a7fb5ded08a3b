// Entry for the scanner bundle, loaded by the extension in a worker thread on first use.
export {};
