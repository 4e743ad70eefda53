namespace Vrrpd.Daemon.Metrics;

/// <summary>What the HTTP listener answers: status code, content type and body.</summary>
internal readonly record struct HttpAnswer(int Status, string ContentType, string Body);
