// The RunArtifacts layer of TrustRegion (see ../shared/ARCHITECTURE.md).
