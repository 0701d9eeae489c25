import DenseLinearAlgebra
import Testing
@testable import NeuralNetworks

/// Byte rows stored as shared planes read back as the rows appended, take one new plane per row
/// for a frame stack, and feed a network the bits contiguous rows do.
@Suite struct SharedPlanesTests {
    /// Three copies of a 4-plane stack over 30 steps, time-major, with resets that fill the stack
    /// with zeros (SB3's `VecFrameStack`) or with the first frame (Gymnasium's `FrameStack`), and
    /// a frame that repeats the one before (a static screen). Returns the rows and the number of
    /// distinct frames each copy produced.
    static func frameStackRows(planeWidth: Int, copies: Int, steps: Int) -> (rows: [UInt8], newFrames: Int) {
        var stream = RandomStream(seed: 5)
        func frame() -> [UInt8] { (0..<planeWidth).map { _ in UInt8(stream.nextInt(below: 256)) } }
        var stacks = (0..<copies).map { _ in [[UInt8]](repeating: [UInt8](repeating: 0, count: planeWidth), count: 4) }
        var rows: [UInt8] = []
        var newFrames = copies  // the zero plane each copy's first row holds
        for step in 0..<steps {
            for copy in 0..<copies {
                let next: [UInt8]
                if step > 0 && (step + copy) % 7 == 0, let last = stacks[copy].last {
                    next = last  // a frame equal to the previous one
                } else {
                    next = frame()
                    newFrames += 1
                }
                if step % 11 == 10 {
                    // A reset: zeros then the frame for even copies, the frame four times for odd ones.
                    let filler = copy % 2 == 0 ? [UInt8](repeating: 0, count: planeWidth) : next
                    stacks[copy] = [filler, filler, filler, next]
                    if copy % 2 == 0 { newFrames += 1 }
                } else {
                    stacks[copy] = Array(stacks[copy].dropFirst()) + [next]
                }
                rows += stacks[copy].joined()
            }
        }
        return (rows, newFrames)
    }

    @Test func sharedRowsReadBackAsAppendedInLessMemory() {
        let (planeWidth, copies, steps) = (24, 3, 30)
        let width = 4 * planeWidth
        let (all, newFrames) = Self.frameStackRows(planeWidth: planeWidth, copies: copies, steps: steps)
        var shared = InputRows(sharingPlanesOf: planeWidth, planesPerRow: 4, lookback: copies, capacityRows: copies * steps)
        for step in 0..<steps {
            let stepBytes = Array(all[(step * copies * width)..<((step + 1) * copies * width)])
            // Appended as a rollout does: each step's rows as their own `InputRows` (half of them via Floats).
            if step % 2 == 0 {
                shared.append(InputRows(bytes: stepBytes))
            } else {
                let appended = shared.append(contentsOf: stepBytes.map(Float.init))
                #expect(appended)
            }
        }
        let contiguous = InputRows(bytes: all)
        #expect(shared.sharesPlanes && shared.count == all.count)
        #expect(Array(shared) == all.map(Float.init))
        #expect(shared == contiguous && shared.hashValue == contiguous.hashValue)
        // Exactly the distinct frames are stored (each fresh frame, each copy's first zero plane, a
        // zero-filled reset's zero plane), with four 4-byte plane numbers a row: 3,480 of 8,640 bytes.
        #expect(shared.storageByteCount == newFrames * planeWidth + copies * steps * 4 * 4)
        #expect(shared.storageByteCount < all.count / 2, "\(shared.storageByteCount) of \(all.count) bytes")

        let picked = [5, 0, 89, 17, 17, 44]
        #expect(shared.gathering(width: width, rows: picked) == contiguous.gathering(width: width, rows: picked))
        #expect(!shared.gathering(width: width, rows: picked).sharesPlanes, "minibatches are contiguous")
        var minibatch = InputRows(storage: .uint8)
        minibatch.gather(shared, width: width, rows: picked)
        #expect(minibatch.bytes == contiguous.gathering(width: width, rows: picked).bytes)
        for range in [0..<1, 7..<19, 80..<90] {
            var read: [UInt8] = []
            shared.withContiguousBytes(rows: range, width: width) { read = Array(UnsafeBufferPointer(start: $0, count: range.count * width)) }
            #expect(read == Array(all[(range.lowerBound * width)..<(range.upperBound * width)]), "rows \(range)")
        }
        var copied = shared
        copied.removeAll(keepingCapacity: true)
        #expect(copied.isEmpty && copied.sharesPlanes && shared.count == all.count)
    }

    /// A convolutional network's outputs and gradient on shared rows are those on contiguous rows,
    /// bit for bit, with blocks that start mid-stack, on one and two threads.
    @Test func networksReadSharedRowsWithTheSameBits() throws {
        let planeWidth = 9 * 8
        let (all, _) = Self.frameStackRows(planeWidth: planeWidth, copies: 2, steps: 12)
        let network = try ConvolutionalNetwork(
            inputHeight: 9, inputWidth: 8, inputChannels: 4,
            hiddenLayers: [.convolution(filters: 3, kernel: 3, stride: 2), .dense(width: 5)], outputWidth: 2)
        let rows = 24
        var shared = InputRows(sharingPlanesOf: planeWidth, planesPerRow: 4, lookback: 2)
        shared.append(InputRows(bytes: all))
        var stream = RandomStream(seed: 3)
        let theta = network.initialParameters(outputGain: 1, stream: &stream)
        for threads in [1, 2] {
            let results = [InputRows(bytes: all), shared].map { inputs in
                let evaluator = network.makeBlockedEvaluator(inputs: inputs, rows: rows, blockSize: 5, threads: threads)
                evaluator.forward(parameters: theta)
                let outputs = evaluator.allOutputs()
                let gradient = evaluator.pullback(parameters: theta, tangent: nil) { _, outputs, _, destination in
                    for index in destination.indices { destination[index] = outputs[index] }
                }
                return (outputs, gradient)
            }
            #expect(results[0].0 == results[1].0, "outputs, \(threads) threads")
            #expect(results[0].1 == results[1].1, "gradient, \(threads) threads")
            #expect(results[0].1.contains { $0 != 0 })
        }
    }
}
