using System.Text.Json.Serialization;

namespace Vrrpd.Linux.Ownership;

// The v3 gateway's messages that vrrpd uses (etcd's rpc.proto and kv.proto, proto3 JSON with the proto field
// names). Only the fields read or written are declared; the rest of an answer is skipped. A field that proto3 leaves
// out when zero (a TTL of 0, an empty list) reads as its default.

internal sealed record ResponseHeader(
    [property: JsonPropertyName("revision")] long Revision,
    [property: JsonPropertyName("member_id")] ulong MemberId);

internal sealed record GatewayError(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("code")] int Code);

internal sealed record LeaseGrantRequest([property: JsonPropertyName("TTL")] long Ttl);

internal sealed record LeaseGrantResponse(
    [property: JsonPropertyName("header")] ResponseHeader? Header,
    [property: JsonPropertyName("ID")] long Id,
    [property: JsonPropertyName("TTL")] long Ttl,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>LeaseKeepAliveRequest and LeaseRevokeRequest: just the lease.</summary>
internal sealed record LeaseIdRequest([property: JsonPropertyName("ID")] long Id);

internal sealed record LeaseKeepAliveResponse(
    [property: JsonPropertyName("header")] ResponseHeader? Header,
    [property: JsonPropertyName("ID")] long Id,
    [property: JsonPropertyName("TTL")] long Ttl);

/// <summary>One message of a gateway stream: a result or an error.</summary>
internal sealed record LeaseKeepAliveStreamMessage(
    [property: JsonPropertyName("result")] LeaseKeepAliveResponse? Result,
    [property: JsonPropertyName("error")] GatewayError? Error);

internal sealed record LeaseRevokeResponse([property: JsonPropertyName("header")] ResponseHeader? Header);

internal sealed record KeyValue(
    [property: JsonPropertyName("key")] byte[]? Key,
    [property: JsonPropertyName("create_revision")] long CreateRevision,
    [property: JsonPropertyName("mod_revision")] long ModRevision,
    [property: JsonPropertyName("value")] byte[]? Value,
    [property: JsonPropertyName("lease")] long Lease);

internal sealed record Compare(
    [property: JsonPropertyName("key")] byte[] Key,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("create_revision")] long? CreateRevision = null,
    [property: JsonPropertyName("lease")] long? Lease = null);

internal sealed record PutRequest(
    [property: JsonPropertyName("key")] byte[] Key,
    [property: JsonPropertyName("value")] byte[] Value,
    [property: JsonPropertyName("lease")] long Lease);

internal sealed record RangeRequest([property: JsonPropertyName("key")] byte[] Key);

internal sealed record DeleteRangeRequest([property: JsonPropertyName("key")] byte[] Key);

internal sealed record RequestOp(
    [property: JsonPropertyName("request_range")] RangeRequest? Range = null,
    [property: JsonPropertyName("request_put")] PutRequest? Put = null,
    [property: JsonPropertyName("request_delete_range")] DeleteRangeRequest? Delete = null);

internal sealed record TxnRequest(
    [property: JsonPropertyName("compare")] IReadOnlyList<Compare> Compare,
    [property: JsonPropertyName("success")] IReadOnlyList<RequestOp> Success,
    [property: JsonPropertyName("failure")] IReadOnlyList<RequestOp> Failure);

internal sealed record RangeResponse(
    [property: JsonPropertyName("header")] ResponseHeader? Header,
    [property: JsonPropertyName("kvs")] IReadOnlyList<KeyValue>? Kvs);

internal sealed record ResponseOp([property: JsonPropertyName("response_range")] RangeResponse? Range);

internal sealed record TxnResponse(
    [property: JsonPropertyName("header")] ResponseHeader? Header,
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("responses")] IReadOnlyList<ResponseOp>? Responses);

internal sealed record WatchCreateRequest(
    [property: JsonPropertyName("key")] byte[] Key,
    [property: JsonPropertyName("start_revision")] long StartRevision);

internal sealed record WatchRequest([property: JsonPropertyName("create_request")] WatchCreateRequest Create);

internal sealed record WatchEvent(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("kv")] KeyValue? Kv);

internal sealed record WatchResponse(
    [property: JsonPropertyName("header")] ResponseHeader? Header,
    [property: JsonPropertyName("created")] bool Created,
    [property: JsonPropertyName("canceled")] bool Canceled,
    [property: JsonPropertyName("compact_revision")] long CompactRevision,
    [property: JsonPropertyName("cancel_reason")] string? CancelReason,
    [property: JsonPropertyName("events")] IReadOnlyList<WatchEvent>? Events);

internal sealed record WatchStreamMessage(
    [property: JsonPropertyName("result")] WatchResponse? Result,
    [property: JsonPropertyName("error")] GatewayError? Error);
