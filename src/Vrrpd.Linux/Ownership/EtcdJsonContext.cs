using System.Text.Json.Serialization;

namespace Vrrpd.Linux.Ownership;

/// <summary>Source-generated (AOT-safe) JSON for etcd's v3 gRPC gateway. The gateway writes int64 fields as strings
/// (proto3 JSON) and reads either form; bytes are base64.</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LeaseGrantRequest))]
[JsonSerializable(typeof(LeaseGrantResponse))]
[JsonSerializable(typeof(LeaseIdRequest))]
[JsonSerializable(typeof(LeaseKeepAliveStreamMessage))]
[JsonSerializable(typeof(LeaseRevokeResponse))]
[JsonSerializable(typeof(TxnRequest))]
[JsonSerializable(typeof(TxnResponse))]
[JsonSerializable(typeof(RangeRequest))]
[JsonSerializable(typeof(RangeResponse))]
[JsonSerializable(typeof(WatchRequest))]
[JsonSerializable(typeof(WatchStreamMessage))]
[JsonSerializable(typeof(GatewayError))]
internal sealed partial class EtcdJsonContext : JsonSerializerContext;
