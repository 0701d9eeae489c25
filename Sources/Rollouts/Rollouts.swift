// The Rollouts layer of TrustRegion (see ../shared/ARCHITECTURE.md).
