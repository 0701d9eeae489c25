import Testing

@Test func NeuralNetworksModuleLinks() { #expect(Bool(true)) }
