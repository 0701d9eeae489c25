// `import TrustRegion` brings every library module: agents and settings, the loop and its rules,
// samplers, policies and distributions, networks, environments and run directories.
@_exported import DenseLinearAlgebra
@_exported import Environments
@_exported import NeuralNetworks
@_exported import Policies
@_exported import PolicyOptimization
@_exported import Rollouts
@_exported import RunArtifacts
@_exported import TrainingSettings
