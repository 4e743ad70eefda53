using YamlDotNet.RepresentationModel;

namespace Vrrpd.Tests.Packaging;

/// <summary>
/// packaging/kubernetes checked against the Kubernetes API's shapes where no cluster (kubectl --dry-run) or
/// kubeconform is at hand: every document parses and names itself, the DaemonSet's pod uses only fields the
/// PodSpec, Container, Volume and HostPathVolumeSource types define (a misspelt field is silently dropped by the
/// API server), mounts and volumes match, and the settings issue 11 asked for are there: a priority class, only the
/// NVIDIA libraries mounted, the engine socket optional, a metrics port that the ConfigMap listens on and the
/// PodMonitor scrapes.
/// </summary>
public class KubernetesSchemaTests
{
    // Field names of the Kubernetes API types (core/v1 PodSpec, Container, Volume, HostPathVolumeSource,
    // VolumeMount, ContainerPort), limited to those a DaemonSet of this kind would write.
    private static readonly HashSet<string> PodSpecFields =
    [
        "hostNetwork", "dnsPolicy", "nodeSelector", "tolerations", "runtimeClassName", "priorityClassName",
        "terminationGracePeriodSeconds", "containers", "initContainers", "volumes", "serviceAccountName",
        "affinity", "securityContext", "hostPID", "hostIPC", "imagePullSecrets", "restartPolicy",
    ];

    private static readonly HashSet<string> ContainerFields =
    [
        "name", "image", "imagePullPolicy", "command", "args", "env", "envFrom", "ports", "securityContext",
        "livenessProbe", "readinessProbe", "startupProbe", "resources", "volumeMounts", "workingDir", "lifecycle",
    ];

    private static readonly HashSet<string> VolumeSources = ["configMap", "emptyDir", "hostPath", "secret", "projected"];

    private static readonly HashSet<string> HostPathTypes =
        ["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"];

    [Fact]
    public void EveryManifest_ParsesAndNamesItsObjects()
    {
        var files = Directory.GetFiles(Folder(), "*.yaml");
        Assert.Contains(files, f => f.EndsWith("podmonitor.yaml", StringComparison.Ordinal));
        foreach (var file in files)
        {
            foreach (var document in Load(file))
            {
                var root = (YamlMappingNode)document.RootNode;
                var kind = Scalar(root, "kind");
                Assert.False(string.IsNullOrEmpty(Scalar(root, "apiVersion")), $"{file}: a document without apiVersion");
                if (kind == "Kustomization") continue;
                var metadata = Map(root, "metadata");
                Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", Scalar(metadata, "name"));
                if (kind != "Namespace") Assert.Equal("vrrpd", Scalar(metadata, "namespace"));
            }
        }
    }

    [Fact]
    public void DaemonSet_UsesOnlyFieldsTheApiDefines_AndMountsWhatItDeclares()
    {
        var pod = PodSpec();
        Assert.All(pod.Children.Keys.Select(Key), field => Assert.Contains(field, PodSpecFields));
        var container = (YamlMappingNode)Assert.Single(Sequence(pod, "containers"));
        Assert.All(container.Children.Keys.Select(Key), field => Assert.Contains(field, ContainerFields));

        var volumes = Sequence(pod, "volumes").Cast<YamlMappingNode>().ToDictionary(v => Scalar(v, "name")!);
        foreach (var (name, volume) in volumes)
        {
            var sources = volume.Children.Keys.Select(Key).Where(k => k != "name").ToList();
            var source = Assert.Single(sources);
            Assert.Contains(source, VolumeSources);
            if (source == "hostPath")
            {
                var hostPath = Map(volume, "hostPath");
                Assert.StartsWith("/", Scalar(hostPath, "path"));
                Assert.Contains(Scalar(hostPath, "type") ?? "", HostPathTypes);
            }
        }
        var mounts = Sequence(container, "volumeMounts").Cast<YamlMappingNode>().ToList();
        Assert.All(mounts, m => Assert.True(volumes.ContainsKey(Scalar(m, "name")!), $"mount of undeclared volume {Scalar(m, "name")}"));
        Assert.All(volumes.Keys, v => Assert.Contains(mounts, m => Scalar(m, "name") == v));

        foreach (var port in Sequence(container, "ports").Cast<YamlMappingNode>())
        {
            Assert.Matches("^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$", Scalar(port, "name"));   // an IANA_SVC_NAME
            Assert.InRange(int.Parse(Scalar(port, "containerPort")!, System.Globalization.CultureInfo.InvariantCulture), 1, 65535);
        }
    }

    [Fact]
    public void DaemonSet_HasAPriorityClass()
    {
        Assert.Equal("system-node-critical", Scalar(PodSpec(), "priorityClassName"));
    }

    [Fact]
    public void DaemonSet_MountsOnlyTheNvidiaLibrariesFromTheHost_NotALibraryDirectory()
    {
        var hostPaths = Sequence(PodSpec(), "volumes").Cast<YamlMappingNode>()
            .Where(v => v.Children.ContainsKey(new YamlScalarNode("hostPath")))
            .Select(v => Map(v, "hostPath"))
            // The host's library trees: /usr/lib..., /lib..., or the GPU Operator's driver root.
            .Where(h => Scalar(h, "path") is { } path && (path.StartsWith("/usr/lib", StringComparison.Ordinal)
                || path.StartsWith("/lib", StringComparison.Ordinal) || path.StartsWith("/run/nvidia/driver", StringComparison.Ordinal)))
            .ToList();

        Assert.Equal(2, hostPaths.Count);
        Assert.All(hostPaths, h => Assert.Equal("File", Scalar(h, "type")));
        Assert.All(hostPaths, h => Assert.Matches(@"/lib(nvidia-ml|cuda)\.so\.1$", Scalar(h, "path")));
    }

    [Fact]
    public void DaemonSet_EngineSocketIsOptional()
    {
        var engine = Sequence(PodSpec(), "volumes").Cast<YamlMappingNode>().Single(v => Scalar(v, "name") == "engine-socket");

        // "" performs no check: `Socket` kept the pod Pending on a node without that engine.
        Assert.Equal("", Scalar(Map(engine, "hostPath"), "type"));
    }

    [Fact]
    public void MetricsPort_IsTheConfigMapsListenPort_AndThePodMonitorsPort()
    {
        var container = (YamlMappingNode)Sequence(PodSpec(), "containers")[0];
        var port = Sequence(container, "ports").Cast<YamlMappingNode>().Single(p => Scalar(p, "name") == "metrics");
        var config = KubernetesManifests.BlockScalar(KubernetesManifests.Read("configmap.yaml"), "vrrpd.conf");
        var listen = config.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("metrics_listen ", StringComparison.Ordinal));

        Assert.EndsWith(":" + Scalar(port, "containerPort"), listen, StringComparison.Ordinal);

        var podMonitor = (YamlMappingNode)Load(Path.Combine(Folder(), "podmonitor.yaml")).Single().RootNode;
        var spec = Map(podMonitor, "spec");
        Assert.Equal("metrics", Scalar((YamlMappingNode)Sequence(spec, "podMetricsEndpoints")[0], "port"));
        var podLabels = Map(Map(Map(DaemonSet(), "spec"), "template"), "metadata");
        var selector = Map(Map(spec, "selector"), "matchLabels");
        Assert.All(selector.Children, label => Assert.Equal(Key(label.Value), Scalar(Map(podLabels, "labels"), Key(label.Key))));
    }

    [Fact]
    public void Probes_AskTheHealthEndpoint_OnTheMetricsPort()
    {
        // README, "Health endpoints": /healthz is 200 while the event loop answers; the port is the metrics listener's.
        var container = (YamlMappingNode)Sequence(PodSpec(), "containers")[0];
        foreach (string probe in new[] { "livenessProbe", "readinessProbe" })
        {
            var get = Map(Map(container, probe), "httpGet");
            Assert.Equal("/healthz", Scalar(get, "path"));
            Assert.Equal("metrics", Scalar(get, "port"));
        }

        var port = (YamlMappingNode)Sequence(container, "ports")[0];
        Assert.Equal("metrics", Scalar(port, "name"));
        Assert.Contains($"metrics_listen 0.0.0.0:{Scalar(port, "containerPort")}", KubernetesManifests.Read("configmap.yaml"), StringComparison.Ordinal);
    }

    private static string Folder() => Path.GetDirectoryName(Path.Combine(RepositoryRoot(), "packaging", "kubernetes", "x"))!;

    private static YamlMappingNode DaemonSet() => (YamlMappingNode)Load(Path.Combine(Folder(), "daemonset.yaml")).Single().RootNode;

    private static YamlMappingNode PodSpec() => Map(Map(Map(DaemonSet(), "spec"), "template"), "spec");

    private static IReadOnlyList<YamlDocument> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(file));
        stream.Load(reader);
        return [.. stream.Documents];
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode map
            ? map : throw new Xunit.Sdk.XunitException($"no mapping '{key}' in {node.Start}");

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode sequence
            ? sequence : throw new Xunit.Sdk.XunitException($"no sequence '{key}' in {node.Start}");

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;

    private static string Key(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vrrpd.sln"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException($"no Vrrpd.sln above {AppContext.BaseDirectory}");
    }
}
