import Testing

@Test func trpoModuleLinks() { #expect(Bool(true)) }
