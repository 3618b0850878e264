// Sequential and functional models, the training loop, losses, metrics, callbacks and save/load.
export {};
