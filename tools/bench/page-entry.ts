// What the detection benchmark loads into the page: the content script's own code.
export { detect } from '../../lib/detect';
export { ScanScheduler } from '../../lib/detect/observe';
