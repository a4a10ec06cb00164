export * from './chart-dates';
export * from './engine-types';
export * from './product-timeline';
export * from './portfolio-gap';
export * from './finding-heatmap';
export * from './fleet-exposure';
export * from './windowing';
export * from './label-rows';
