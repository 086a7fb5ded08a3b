/**
 * Entry of dist/templateExport.js: the infrastructure writers behind "Export Target as …", bundled apart from the
 * extension so that activation loads none of them; the plan panel requires this file on first export.
 */
export { exportTarget } from '../../core/fix/iac/exportTarget';
