/** The infrastructure languages a planned target can be exported in (`plan --export`, the plan panel). */
export const TEMPLATE_FORMATS = ['bicep', 'terraform', 'arm'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];
