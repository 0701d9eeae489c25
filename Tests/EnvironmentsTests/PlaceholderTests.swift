import Testing

@Test func EnvironmentsModuleLinks() { #expect(Bool(true)) }
