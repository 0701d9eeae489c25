#if MuJoCo
internal import CMuJoCo
import Foundation

/// One compiled MuJoCo model (`mjModel`) with its simulation state (`mjData`).
///
/// This is the part of Gymnasium's `MujocoEnv` that talks to the engine: `do_simulation` (set
/// `ctrl`, `mj_step` × frame skip, then `mj_rnePostConstraint`) and `set_state` (write `qpos`,
/// `qvel`, then `mj_forward`). It owns both C structures and frees them on deinit. Use it from one
/// thread at a time; separate simulations are independent.
public final class MuJoCoSimulation {
    let model: UnsafeMutablePointer<mjModel>
    let data: UnsafeMutablePointer<mjData>

    /// The model's name, e.g. "hopper" (the MJCF file without its extension).
    public let modelName: String
    /// Physics steps (`mj_step`) per environment step (Gymnasium's `frame_skip`).
    public let frameSkip: Int
    /// Number of generalized coordinates, `nq` (the width of `qpos`).
    public let positionCount: Int
    /// Number of degrees of freedom, `nv` (the width of `qvel`).
    public let velocityCount: Int
    /// Number of actuators, `nu` (the width of `ctrl` and of an action).
    public let actuatorCount: Int
    /// `qpos0`: the coordinates of the model's reference pose (Gymnasium's `init_qpos`).
    public let initialPositions: [Double]
    /// The lower and upper control bounds of each actuator (`actuator_ctrlrange`).
    public let controlRange: [(lower: Double, upper: Double)]
    /// Whether snapshots also hold `xipos`, `cinert`, `cvel` and `qfrc_actuator` (set by tasks
    /// whose observation or reward reads them between steps).
    public var savesInertialQuantities = false

    /// Loads `Models/<modelName>.xml` from the package resources and compiles it.
    public init(modelName: String, frameSkip: Int) throws {
        guard let url = Bundle.module.url(forResource: modelName, withExtension: "xml", subdirectory: "Models")
        else { throw MuJoCoError.missingModel(name: modelName) }
        let model = try MuJoCoSimulation.compile(path: url.path)
        guard let data = mj_makeData(model) else {
            mj_deleteModel(model)
            throw MuJoCoError.modelCompilation(path: url.path, message: "mj_makeData failed")
        }
        self.model = model
        self.data = data
        self.modelName = modelName
        self.frameSkip = frameSkip
        positionCount = Int(model.pointee.nq)
        velocityCount = Int(model.pointee.nv)
        actuatorCount = Int(model.pointee.nu)
        initialPositions = Array(UnsafeBufferPointer(start: model.pointee.qpos0, count: Int(model.pointee.nq)))
        let range = UnsafeBufferPointer(start: model.pointee.actuator_ctrlrange, count: 2 * actuatorCount)
        controlRange = (0..<actuatorCount).map { (range[2 * $0], range[2 * $0 + 1]) }
        // MjData starts at qpos0 with zero velocity; compute the derived quantities once, so that
        // observations are defined even before the first reset.
        mj_forward(model, data)
    }

    deinit {
        mj_deleteData(data)
        mj_deleteModel(model)
    }

    /// Serialises XML compilation: MuJoCo's parser is not documented as thread-safe, and vector
    /// environments may build their copies concurrently.
    private static let compileLock = NSLock()

    private static func compile(path: String) throws -> UnsafeMutablePointer<mjModel> {
        compileLock.lock()
        defer { compileLock.unlock() }
        MuJoCoSimulation.silenceWarnings
        let capacity = 1000
        var message = [CChar](repeating: 0, count: capacity)
        guard let model = mj_loadXML(path, nil, &message, Int32(capacity)) else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw MuJoCoError.modelCompilation(path: path, message: text)
        }
        return model
    }

    /// MuJoCo's default log handler prints warnings and appends them to MUJOCO_LOG.TXT in the
    /// working directory; library code must not print. Unless the host installed its own handler,
    /// we install one that drops warnings (they stay counted in `mjData.warning`, see
    /// `warningCount`) and still reports errors, which end the process, on standard error.
    private static let silenceWarnings: Void = {
        // mju_setLogHandler returns the handler it replaces; setting nil twice yields the default.
        let active = mju_setLogHandler(nil)
        let defaultHandler = mju_setLogHandler(nil)
        let hostHasOwn = active != nil
            && unsafeBitCast(active, to: UnsafeRawPointer?.self) != unsafeBitCast(defaultHandler, to: UnsafeRawPointer?.self)
        guard !hostHasOwn else {
            mju_setLogHandler(active)
            return
        }
        mju_setLogHandler { message in
            guard let message, message.pointee.level >= Int32(mjLOG_ERROR.rawValue) else { return }
            var subject = message.pointee.subject
            withUnsafeBytes(of: &subject) { bytes in
                let text = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                FileHandle.standardError.write(Data("MuJoCo error: \(text)\n".utf8))
            }
        }
    }()

    /// The simulation time `time` in seconds.
    public var time: Double { data.pointee.time }

    /// The duration of one environment step, `opt.timestep × frameSkip` (Gymnasium's `dt`).
    public var stepDuration: Double { model.pointee.opt.timestep * Double(frameSkip) }

    /// How many warnings (e.g. an unstable simulation reset by MuJoCo) the engine has raised.
    public var warningCount: Int {
        withUnsafeBytes(of: data.pointee.warning) { raw in
            raw.bindMemory(to: mjWarningStat.self).reduce(0) { $0 + Int($1.number) }
        }
    }

    /// The engine's version, e.g. "4.0.0" (`mj_versionString`).
    public static var engineVersion: String { String(cString: mj_versionString()) }

    /// The index of the body called `name`.
    public func bodyIndex(_ name: String) throws -> Int {
        let index = Int(mj_name2id(model, Int32(mjOBJ_BODY.rawValue), name))
        guard index >= 0 else { throw MuJoCoError.missingElement(kind: "body", name: name, model: modelName) }
        return index
    }

    /// The index of the site called `name`.
    public func siteIndex(_ name: String) throws -> Int {
        let index = Int(mj_name2id(model, Int32(mjOBJ_SITE.rawValue), name))
        guard index >= 0 else { throw MuJoCoError.missingElement(kind: "site", name: name, model: modelName) }
        return index
    }
}
#endif
