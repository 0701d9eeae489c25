import DenseLinearAlgebra
import Environments
import Foundation
import Testing

@Suite("Spaces, action validation and typed errors")
struct SpaceAndErrorTests {
    @Test func badActionsAreTypedErrorsNotCrashes() throws {
        let cartPole = try makeEnvironment(CartPole.id)
        #expect(throws: EnvironmentError.stepBeforeReset(environment: CartPole.id)) { try cartPole.step(.discrete(0)) }
        _ = try cartPole.reset(seed: 0)
        #expect(throws: EnvironmentError.discreteActionOutOfRange(value: 2, count: 2)) {
            try cartPole.step(.discrete(2))
        }
        #expect(throws: EnvironmentError.discreteActionOutOfRange(value: -1, count: 2)) {
            try cartPole.step(.discrete(-1))
        }
        #expect(throws: EnvironmentError.actionKindMismatch(action: .continuous([1]), space: .discrete(count: 2))) {
            try cartPole.step(.continuous([1]))
        }
        let pendulum = try makeEnvironment(Pendulum.id)
        _ = try pendulum.reset(seed: 0)
        let space = pendulum.actionSpace
        #expect(throws: EnvironmentError.actionCountMismatch(expected: 1, actual: 2, space: space)) {
            try pendulum.step(.continuous([1, 1]))
        }
        #expect(throws: EnvironmentError.self) { try pendulum.step(.continuous([.infinity])) }
        #expect(throws: EnvironmentError.self) { try pendulum.step(.discrete(0)) }
        for id in [Acrobot.id, MountainCar.id, MountainCarContinuous.id] {
            let environment = try makeEnvironment(id)
            _ = try environment.reset(seed: 0)
            #expect(throws: EnvironmentError.self, "\(id)") { try environment.step(.multiDiscrete([0])) }
        }
        // Box actions outside the bounds are accepted and clipped by the environment, as in Gymnasium.
        #expect(try pendulum.step(.continuous([9])).observation.count == 3)
    }

    @Test func messagesNameTheBadInput() {
        #expect(
            EnvironmentError.discreteActionOutOfRange(value: 5, count: 3).description
                == "discrete action 5 is outside 0..<3")
        #expect(
            EnvironmentError.actionCountMismatch(expected: 1, actual: 2, space: .box(low: [-2], high: [2])).description
                == "action has 2 coordinates, but the action space Box(-2.0, 2.0, (1,), float32) has 1")
    }

    @Test func malformedSpacesAreReported() {
        #expect(Space.discrete(count: 0).malformations.count == 1)
        #expect(Space.box(low: [1, 0], high: [0]).malformations.count == 1)
        #expect(Space.box(low: [1, .nan], high: [0, 1]).malformations.count == 2)
        #expect(Space.multiDiscrete(counts: [3, 0]).malformations.count == 1)
        #expect(Space.box(low: [-1], high: [1]).malformations.isEmpty)
    }

    @Test func samplesLieInTheSpace() {
        var stream = RandomStream(seed: 8)
        let bounded = Space.box(low: [-2, 0], high: [2, 1e-3])
        let unbounded = Space.box(low: [-.infinity, 0, -.infinity], high: [.infinity, .infinity, 5])
        for _ in 0..<2_000 {
            guard case .continuous(let values) = bounded.sample(using: &stream),
                case .continuous(let open) = unbounded.sample(using: &stream),
                case .multiDiscrete(let choices) = Space.multiDiscrete(counts: [3, 1]).sample(using: &stream)
            else {
                Issue.record("sample of the wrong kind")
                return
            }
            #expect(bounded.contains(observation: values))
            #expect(open.allSatisfy(\.isFinite) && open[1] >= 0 && open[2] <= 5)
            #expect(choices[0] >= 0 && choices[0] < 3 && choices[1] == 0)
        }
    }

    @Test func jsonDescriptionsAreValidJSON() throws {
        let space = try #require(EnvironmentRegistry.shared.specification(for: CartPole.id)).observationSpace
        let parsed = try JSONSerialization.jsonObject(with: Data(space.jsonDescription.utf8)) as? [String: Any]
        let object = try #require(parsed)
        #expect(object["type"] as? String == "Box")
        #expect(object["shape"] as? [Int] == [4])
        let low = try #require(object["low"] as? [Any])
        #expect(low.first as? Double == -4.8 && low[1] as? String == "-inf")
        #expect(Space.discrete(count: 3).jsonDescription == "{\"type\":\"Discrete\",\"n\":3}")
        #expect(Space.multiDiscrete(counts: [3, 2]).jsonDescription == "{\"type\":\"MultiDiscrete\",\"nvec\":[3,2]}")
    }
}
