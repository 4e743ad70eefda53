namespace Vrrpd.Configuration;

/// <summary>The file a line was read from (for <c>${_PWD}</c>) and the directory its includes are relative to.</summary>
internal sealed record FileContext(string Name, string Directory);
