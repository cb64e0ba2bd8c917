export { blockFigures, type Figure, type Place } from './block.js';
export { figureFormats, type FigureFormats } from './formats.js';
export type { FigureKind } from './scan.js';
