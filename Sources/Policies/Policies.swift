// The Policies layer of TrustRegion (see ../shared/ARCHITECTURE.md).
