/** The type of a registrable layer class, shared by the registry and the Keras aliases. */
import type { Layer } from '../engine/layer';

/** A concrete layer class that can be registered (a constructor with a static `className`). */
// biome-ignore lint/suspicious/noExplicitAny: each class takes its own option type
export type LayerClass = { readonly className: string } & (new (config: any) => Layer);
