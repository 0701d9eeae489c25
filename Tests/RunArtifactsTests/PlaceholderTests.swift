import Testing

@Test func RunArtifactsModuleLinks() { #expect(Bool(true)) }
