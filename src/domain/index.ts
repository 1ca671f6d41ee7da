export * from './analysis.js';
export * from './entities.js';
export * from './errors.js';
export * from './item.js';
export * from './review.js';
export * from './views.js';
