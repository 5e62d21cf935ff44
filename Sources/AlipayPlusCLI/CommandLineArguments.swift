import Foundation

/// One `--name value` option (or a `--name` flag when `takesValue` is false) a command accepts.
struct OptionSpec {
    let name: String
    let valueName: String?
    let help: String
    let required: Bool
    var repeatable = false

    /// An option that takes a value, e.g. `--client-id ID`.
    static func value(_ name: String, _ valueName: String, _ help: String, required: Bool = false) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, required: required)
    }

    /// An option that takes a value and may be given several times, e.g. `--merchant-arg A`.
    static func repeatedValue(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, required: false, repeatable: true)
    }

    /// A flag without a value, e.g. `--force`.
    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help, required: false)
    }

    /// Positional arguments (`FILE...`); without this spec a command rejects them. `required` means at least one.
    static func positional(_ valueName: String, _ help: String, required: Bool = false) -> OptionSpec {
        OptionSpec(name: "", valueName: valueName, help: help, required: required)
    }

    /// Whether this is the positional-arguments spec.
    var isPositional: Bool { name.isEmpty }
}

/// The parsed options of one command invocation.
struct CommandLineArguments {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    private var repeated: [String: [String]] = [:]

    /// Whether `--help` or `-h` was given.
    private(set) var helpRequested = false

    /// Arguments that are not options, in order (only for commands with a ``OptionSpec/positional(_:_:required:)`` spec).
    private(set) var positionals: [String] = []

    /// Parses `arguments` (without the program and command names) against `specs`.
    ///
    /// Accepts `--name value` and `--name=value`. Unknown options, missing values, repeated options,
    /// positional arguments and missing required options are usage errors (exit 2).
    init(_ arguments: [String], specs: [OptionSpec], command: String) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--help" || argument == "-h" {
                helpRequested = true
                continue
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                if specs.contains(where: \.isPositional), argument == "-" || !argument.hasPrefix("-") {
                    positionals.append(argument)
                    continue
                }
                throw CLIError.usage("unexpected argument '\(argument)'", command: command)
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let spec = specs.first(where: { $0.name == name && !$0.isPositional }) else {
                throw CLIError.usage("unknown option '--\(name)'", command: command)
            }
            guard spec.repeatable || (values[name] == nil && !flags.contains(name)) else {
                throw CLIError.usage("option '--\(name)' given twice", command: command)
            }
            if spec.valueName == nil {
                guard inlineValue == nil else {
                    throw CLIError.usage("option '--\(name)' takes no value", command: command)
                }
                flags.insert(name)
                continue
            }
            if let inlineValue {
                values[name] = inlineValue
            } else {
                guard index < arguments.count else {
                    throw CLIError.usage("option '--\(name)' needs a value (\(spec.valueName ?? "VALUE"))", command: command)
                }
                values[name] = arguments[index]
                index += 1
            }
            repeated[name, default: []].append(values[name] ?? "")
        }
        if !helpRequested {
            if let spec = specs.first(where: \.isPositional), spec.required, positionals.isEmpty {
                throw CLIError.usage("missing \(spec.valueName ?? "argument")", command: command)
            }
            for spec in specs where spec.required && !spec.isPositional && values[spec.name] == nil {
                throw CLIError.usage("missing required option '--\(spec.name) \(spec.valueName ?? "")'", command: command)
            }
        }
    }

    /// The value of `--name`, if given.
    func value(_ name: String) -> String? { values[name] }

    /// Every value of a repeatable `--name`, in order.
    func values(_ name: String) -> [String] { repeated[name] ?? [] }

    /// The value of `--name` read by `parse`, or nil when the option is absent.
    ///
    /// - Throws: the usage error `--name must <requirement>` when `parse` gives nil or `isValid` refuses the value.
    func value<Value>(_ name: String, command: String, must requirement: String, _ parse: (String) -> Value?,
                      where isValid: (Value) -> Bool = { _ in true }) throws -> Value? {
        guard let text = values[name] else { return nil }
        guard let value = parse(text), isValid(value) else {
            throw CLIError.usage("--\(name) must \(requirement)", command: command)
        }
        return value
    }

    /// The value of a required option (presence is checked while parsing).
    func required(_ name: String) -> String { values[name] ?? "" }

    /// Whether the flag `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// Renders the option list of a command's help.
func optionsHelp(_ specs: [OptionSpec]) -> String {
    let rows = specs.map { spec -> (String, String) in
        if spec.isPositional { return (spec.valueName ?? "ARGUMENT", spec.help) }
        let left = "--\(spec.name)" + (spec.valueName.map { " \($0)" } ?? "")
        return (left, spec.help + (spec.required ? "" : spec.valueName == nil ? "" : " (optional)"))
    } + [("--help", "Show this help.")]
    let width = rows.map(\.0.count).max() ?? 0
    return rows.map { "  " + $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
}
