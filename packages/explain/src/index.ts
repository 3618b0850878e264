/**
 * @convkit/explain — attribution maps for image classifiers (gradient
 * saliency, gradient × input, SmoothGrad, Integrated Gradients, Grad-CAM,
 * occlusion) and their rendering as heat maps. PNG files: `@convkit/explain/node`.
 */
export type { GradCamOptions } from './grad-cam';
export { convLayers, gradCam } from './grad-cam';
export type { IntegratedGradientsOptions } from './integrated-gradients';
export { integratedGradients } from './integrated-gradients';
export type { OcclusionOptions } from './occlusion';
export { occlusion } from './occlusion';
export type { Colormap, ColormapName } from './render/colormaps';
export { colormap } from './render/colormaps';
export type { HeatmapOptions, Normalization, RgbaImage } from './render/heatmap';
export { normalizeValues, renderHeatmap, toImageData } from './render/heatmap';
export type { TileOptions } from './render/tile';
export { tileImages } from './render/tile';
export type { GradientTimesInputOptions, SaliencyOptions } from './saliency';
export { gradientTimesInput, saliency } from './saliency';
export type { SmoothGradOptions } from './smooth-grad';
export { smoothGrad } from './smooth-grad';
export type { AttributionOptions, BatchedOptions, ChannelReduction, Target } from './types';
