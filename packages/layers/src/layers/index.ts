// Layer implementations (Conv2D, Dense, pooling, normalisation, activations, merge layers).
export {};
