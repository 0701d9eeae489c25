import Testing
@testable import RunArtifacts

@Suite struct MarkdownTableTests {
    @Test func rendersAlignedEscapedTable() {
        var table = MarkdownTable(columns: ["algo", "final_mean_return", "note"], alignments: [.left, .right, .center])
        table.append(["trpo", "500.0", "a|b"])
        table.append(["vpg", "12.25"])
        let expected = """
            | algo | final_mean_return | note |
            | :--- | ----------------: | :--: |
            | trpo |             500.0 | a\\|b |
            | vpg  |             12.25 |      |

            """
        #expect(table.rendered() == expected)
        #expect(table.rows[1] == ["vpg", "12.25", ""])
    }

    @Test func flattensLineBreaks() {
        var table = MarkdownTable(columns: ["x"])
        table.append(["one\ntwo", "dropped"])
        #expect(table.rendered() == "| x       |\n| :------ |\n| one two |\n")
    }
}
