import Testing

@Test func PoliciesModuleLinks() { #expect(Bool(true)) }
