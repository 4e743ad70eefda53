using System.CommandLine;

var root = new RootCommand("vrrpd: a VRRP daemon with built-in GPU and container health checks");
return root.Parse(args).Invoke();
