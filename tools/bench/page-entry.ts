// What the detection benchmark loads into the page: the generic page script's own code.
export { detectWith, finishDetection } from '../../lib/detect/engine';
export { PAGE_ENGINE } from '../../lib/detect/engines/page';
export { ScanScheduler } from '../../lib/detect/observe';
export { PageScan } from '../../lib/detect/scan';
