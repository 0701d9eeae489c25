import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG document parsed as XML, with lookups by element name and class.
struct SVGDocument {
    let root: XMLElement
    let text: String

    /// Parses `text`; throws if it is not well-formed XML.
    init(_ text: String) throws {
        let document = try XMLDocument(xmlString: text, options: [])
        guard let root = document.rootElement() else { throw CocoaError(.coderReadCorrupt) }
        self.root = root
        self.text = text
    }

    /// Every element below `element` (inclusive), depth first.
    static func descendants(of element: XMLElement) -> [XMLElement] {
        [element] + (element.children ?? []).compactMap { $0 as? XMLElement }.flatMap(descendants)
    }

    /// The elements called `name` (local name), optionally with `cssClass` among their classes,
    /// optionally only inside `scope`.
    func elements(_ name: String, class cssClass: String? = nil, in scope: XMLElement? = nil) -> [XMLElement] {
        SVGDocument.descendants(of: scope ?? root).filter { element in
            (element.localName ?? element.name) == name
                && (cssClass.map { element.attribute("class").split(separator: " ").contains(Substring($0)) } ?? true)
        }
    }
}

extension XMLElement {
    /// The attribute's value, or "" if absent.
    ///
    /// Searches `attributes` because on Linux `attribute(forName:)` misses un-prefixed attributes
    /// of elements in a default namespace, as every SVG element is.
    func attribute(_ name: String) -> String {
        attributes?.first { $0.name == name }?.stringValue ?? ""
    }
    /// The concatenated text content.
    var text: String { stringValue ?? "" }
}
