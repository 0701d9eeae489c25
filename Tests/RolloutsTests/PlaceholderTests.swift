import Testing

@Test func RolloutsModuleLinks() { #expect(Bool(true)) }
