/// The words of the mops language, in one place.
package enum Vocabulary {
    /// The keywords that open a statement, in reference order (each has a ``StatementHelp`` entry).
    package static let statementKeywords: [Keyword] = [
        .borrow, .repay, .transfer, .buy, .sell, .cancel, .let, .if, .while, .for, .every, .wait,
        .assert, .print, .show, .def, .return, .exit, .break, .continue, .sim,
    ]
}
