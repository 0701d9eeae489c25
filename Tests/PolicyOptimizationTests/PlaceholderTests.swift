import Testing

@Test func PolicyOptimizationModuleLinks() { #expect(Bool(true)) }
