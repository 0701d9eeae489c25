// The NeuralNetworks layer of TrustRegion (see ../shared/ARCHITECTURE.md).
