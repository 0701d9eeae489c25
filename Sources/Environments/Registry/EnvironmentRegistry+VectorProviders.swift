/// Makes `count` copies of the environment named by the part of an id after its scheme, stepped
/// with `threads` threads or processes (results must not depend on it).
public typealias VectorEnvironmentProvider =
    @Sendable (_ target: String, _ count: Int, _ threads: Int) throws -> any VectorEnvironmentProtocol

// MARK: - Vector environments from other sources

extension EnvironmentRegistry {
    /// Routes ids `scheme:target` to `provider` (e.g. `gym:` to the Python Gymnasium bridge),
    /// replacing an earlier provider of the scheme.
    ///
    /// Such environments exist only as vector environments, so `make(_:)` does not know them;
    /// `makeVectorEnvironment` does.
    public func registerVectorProvider(scheme: String, _ provider: @escaping VectorEnvironmentProvider) {
        lock.lock()
        defer { lock.unlock() }
        vectorProviders[scheme] = provider
    }

    /// The provider and target for an id with a registered scheme, if it has one.
    public func vectorProvider(for id: String) -> (provider: VectorEnvironmentProvider, target: String)? {
        guard let colon = id.firstIndex(of: ":") else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return vectorProviders[String(id[..<colon])].map { ($0, String(id[id.index(after: colon)...])) }
    }

    /// `count` copies of `id`: from its scheme's provider, else a `VectorEnvironment` of the
    /// registered environment (time limit included), stepped on `threads` threads.
    public func makeVectorEnvironment(id: String, count: Int, threads: Int = 1) throws -> any VectorEnvironmentProtocol {
        if let (provider, target) = vectorProvider(for: id) {
            return try provider(target, count, threads)
        }
        return try VectorEnvironment(id: id, count: count, threads: threads, registry: self)
    }
}
