import type { FileKind } from './fileKind';
import type { FrontEnd } from './frontEnd';
import { goFrontEnd } from './go/goFrontEnd';
import { pythonFrontEnd } from './python/pythonFrontEnd';
import { csharpFrontEnd } from './csharp/csharpFrontEnd';
import { bicepFrontEnd } from './iac/bicep/bicepFrontEnd';
import { jsonFrontEnd } from './iac/arm/jsonFrontEnd';
import { terraformFrontEnd } from './iac/terraform/terraformFrontEnd';
import { scriptFrontEnd } from './script/scriptFrontEnd';
import { javaFrontEnd } from './java/javaFrontEnd';
import { textFrontEnd } from './text/textFrontEnd';

/** Which front end reads each kind of file: a new language is a folder that produces evidence, and one line here. */
export const FRONT_ENDS: { readonly [Kind in FileKind]: FrontEnd<Kind> } = {
  script: scriptFrontEnd,
  env: textFrontEnd,
  json: jsonFrontEnd,
  yaml: textFrontEnd,
  properties: textFrontEnd,
  'xml-config': textFrontEnd,
  python: pythonFrontEnd,
  go: goFrontEnd,
  csharp: csharpFrontEnd,
  java: javaFrontEnd,
  bicep: bicepFrontEnd,
  terraform: terraformFrontEnd,
};
