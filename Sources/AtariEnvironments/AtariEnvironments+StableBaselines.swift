#if ALE
import Environments

extension AtariEnvironments {
    /// The RL Zoo's Atari stack for `game`: SB3's `AtariWrapper` (its defaults) on
    /// `gym.make("<Game>NoFrameskip-v4")`, then `VecFrameStack(n_stack=stackSize)`.
    ///
    /// Observations are `stackSize × 84 × 84`, oldest frame first: SB3's channels-last stack as its
    /// CNN policies see it after `VecTransposeImage`. As in `VecFrameStack`, a stack starts as zeros
    /// with the reset frame newest. `repeatActionProbability` is ALE's sticky actions (the zoo: 0).
    public static func atariWrapperStack(
        game: String, repeatActionProbability: Float = 0, stackSize: Int = 4, roms: AtariROMs? = nil
    ) throws -> FrameStack {
        var configuration = AtariConfiguration.noFrameskipV4(game: game, observationType: .rgb)
        configuration.repeatActionProbability = repeatActionProbability
        let wrapped = try AtariWrapper(AtariEnvironment(configuration, roms: roms), grayscaleNewAxis: false)
        return try FrameStack(wrapped, count: stackSize, padding: .zeros)
    }
}
#endif
