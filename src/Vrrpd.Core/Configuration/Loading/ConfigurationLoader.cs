namespace Vrrpd.Configuration;

/// <summary>
/// Loads keepalived-grammar configuration: preprocess (conditionals, parameters, includes) → lex → statement
/// tree (checked against the lines conditionals left out) → keyword tables → completion → validation. Never
/// throws for a bad file; everything is a diagnostic.
/// </summary>
public static class ConfigurationLoader
{
    public static ConfigurationLoadResult Load(string path, ConfigurationLoadOptions? options = null)
    {
        options ??= new ConfigurationLoadOptions();
        var diagnostics = new DiagnosticBag();
        var preprocessor = new Preprocessor(diagnostics, ConfigIdOf(options));
        preprocessor.AddFile(path, new SourceLocation(path, 1, 1));
        return Finish(preprocessor, diagnostics, options);
    }

    /// <summary>Loads text as if read from <paramref name="fileName"/>: includes resolve relative to its directory.</summary>
    public static ConfigurationLoadResult LoadText(string text, string fileName, ConfigurationLoadOptions? options = null)
    {
        options ??= new ConfigurationLoadOptions();
        var diagnostics = new DiagnosticBag();
        var preprocessor = new Preprocessor(diagnostics, ConfigIdOf(options));
        preprocessor.AddText(text, fileName);
        return Finish(preprocessor, diagnostics, options);
    }

    /// <summary>keepalived's default config id is the host name up to its first dot.</summary>
    public static string DefaultConfigId() => Environment.MachineName.Split('.')[0];

    private static string ConfigIdOf(ConfigurationLoadOptions options) => options.ConfigId ?? DefaultConfigId();

    private static ConfigurationLoadResult Finish(Preprocessor preprocessor, DiagnosticBag diagnostics, ConfigurationLoadOptions options)
    {
        var tokens = new List<Token>();
        foreach (SourceLine line in preprocessor.Lines)
        {
            Lexer.Tokenize(line, diagnostics, tokens);
        }

        IReadOnlyList<Statement> statements = SyntaxParser.Parse(tokens, diagnostics);
        ConditionalLineValidator.Validate(statements, preprocessor.DroppedLines, ConfigIdOf(options), diagnostics);
        ConfigurationDraft draft = ConfigurationParser.Parse(statements, diagnostics);
        GlobalDefinitions global = draft.Global.Build();
        var instances = draft.Instances.Select(i => InstanceCompleter.Complete(i, global, diagnostics)).ToList();
        var configuration = new VrrpdConfiguration(global, instances, []);
        configuration = ConfigurationValidator.Validate(configuration, draft.SyncGroups, options, diagnostics);
        configuration = TrackerValidator.Validate(configuration, draft, diagnostics);
        configuration = OwnershipValidator.Validate(configuration, draft, diagnostics);
        configuration = ScriptUserDefaults.Apply(configuration);
        if (options.ScriptEnvironment is { } host)
        {
            configuration = ScriptSecurityValidator.Validate(configuration, host, diagnostics);
        }

        return new ConfigurationLoadResult(configuration, diagnostics.Items);
    }
}
