// The PolicyOptimization layer of TrustRegion (see ../shared/ARCHITECTURE.md).
