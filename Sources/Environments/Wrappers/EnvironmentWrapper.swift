/// An environment that wraps another one (Gymnasium's `Wrapper`, whose `env` is `wrapped`).
///
/// Conforming lets callers reach the environment underneath through any stack of wrappers with
/// `unwrapped`, e.g. to read a physics environment's state behind its `TimeLimit`.
public protocol EnvironmentWrapper: Environment {
    /// The environment one level down.
    var wrapped: any Environment { get }
}

extension Environment {
    /// The innermost environment under every `EnvironmentWrapper` (Gymnasium's `env.unwrapped`);
    /// the environment itself when it wraps nothing.
    public var unwrapped: any Environment {
        var environment: any Environment = self
        while let wrapper = environment as? any EnvironmentWrapper {
            environment = wrapper.wrapped
        }
        return environment
    }
}

extension TimeLimit: EnvironmentWrapper {}
extension ClipAction: EnvironmentWrapper {}
extension RecordEpisodeStatistics: EnvironmentWrapper {}
