// vrrpd runs on Linux only (src/Vrrpd/Platform.cs), and so does libFuzzer's .NET bridge.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
