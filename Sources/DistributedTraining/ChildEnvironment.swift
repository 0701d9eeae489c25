import Foundation

/// Keeps `mpirun`'s variables out of the processes a rank starts (the Gymnasium bridge's Python
/// workers, `trpo compare`'s runs): a child that inherits them takes itself for a rank of the job
/// and may hang or join it (openai/baselines #800).
public enum ChildEnvironment {
    /// The prefixes of Open MPI's, PMIx's and the PMI launchers' variables.
    public static let launcherPrefixes = ["OMPI_", "PMIX_", "OPAL_", "ORTE_", "PMI_", "HYDRA_"]

    /// Whether `name` is one of the launcher's variables.
    public static func isLauncherVariable(_ name: String) -> Bool {
        launcherPrefixes.contains { name.hasPrefix($0) }
    }

    /// Removes the launcher's variables from this process's environment, so every child started
    /// afterwards inherits none; call once MPI is initialised (it has read them then).
    public static func removeLauncherVariables() {
        for name in ProcessInfo.processInfo.environment.keys where isLauncherVariable(name) { unsetenv(name) }
    }
}
