using System.Text;
using System.Text.Json;
using Vrrpd.Linux.Ownership;

namespace Vrrpd.Linux.Tests.Ownership;

/// <summary>The etcd gateway's JSON as the client writes and reads it (proto3 JSON: int64 as strings, zero values
/// left out, bytes in base64), and the stream framing (docs/design/ownership.md §5).</summary>
public class EtcdGatewayMessagesTests
{
    [Fact]
    public void AcquireTxn_IsWrittenWithStringInt64s_Base64Bytes_AndNoNullFields()
    {
        byte[] key = Encoding.UTF8.GetBytes("/vrrpd/instance/VI_1");
        var txn = new TxnRequest(
            [new Compare(key, "CREATE", "EQUAL", CreateRevision: 0)],
            [new RequestOp(Put: new PutRequest(key, Encoding.UTF8.GetBytes("gpu-a"), 7587899369335987717))],
            [new RequestOp(Range: new RangeRequest(key))]);

        string json = JsonSerializer.Serialize(txn, EtcdJsonContext.Default.TxnRequest);

        Assert.Equal(
            """{"compare":[{"key":"L3ZycnBkL2luc3RhbmNlL1ZJXzE=","target":"CREATE","result":"EQUAL","create_revision":"0"}],"success":[{"request_put":{"key":"L3ZycnBkL2luc3RhbmNlL1ZJXzE=","value":"Z3B1LWE=","lease":"7587899369335987717"}}],"failure":[{"request_range":{"key":"L3ZycnBkL2luc3RhbmNlL1ZJXzE="}}]}""",
            json);
    }

    [Fact]
    public void KeepAliveAnswer_WithoutTtl_MeansTheLeaseIsGone()
    {
        // etcd 3.4 answers a keepalive for an unknown lease with TTL 0, which proto3 JSON leaves out.
        LeaseKeepAliveStreamMessage gone = JsonSerializer.Deserialize(
            """{"result":{"header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437","revision":"2","raft_term":"2"},"ID":"7587899369335987721"}}""",
            EtcdJsonContext.Default.LeaseKeepAliveStreamMessage)!;
        LeaseKeepAliveStreamMessage alive = JsonSerializer.Deserialize(
            """{"result":{"header":{"revision":"2"},"ID":"7587899369335987721","TTL":"5"}}""",
            EtcdJsonContext.Default.LeaseKeepAliveStreamMessage)!;

        Assert.Equal((7587899369335987721L, 0L), (gone.Result!.Id, gone.Result.Ttl));
        Assert.Equal(5, alive.Result!.Ttl);
        Assert.Equal(10276657743932975437UL, gone.Result.Header!.MemberId);
    }

    [Fact]
    public void FailedTxn_CarriesTheExistingKey()
    {
        // As etcd 3.4.23 answered the acquire of a key another lease held.
        TxnResponse answer = JsonSerializer.Deserialize(
            """{"header":{"revision":"9"},"responses":[{"response_range":{"header":{"revision":"9"},"kvs":[{"key":"L3ZycnBkL3g=","create_revision":"2","mod_revision":"2","version":"1","value":"bWU=","lease":"7587899369335987717"}],"count":"1"}}]}""",
            EtcdJsonContext.Default.TxnResponse)!;

        Assert.False(answer.Succeeded);
        KeyValue kv = Assert.Single(answer.Responses![0].Range!.Kvs!);
        Assert.Equal((2L, 2L, 7587899369335987717L, "me"), (kv.CreateRevision, kv.ModRevision, kv.Lease, Encoding.UTF8.GetString(kv.Value!)));
    }

    [Fact]
    public void WatchDelete_IsTypedDelete_AndAPutLeavesTheTypeOut()
    {
        WatchStreamMessage delete = JsonSerializer.Deserialize(
            """{"result":{"header":{"revision":"12"},"events":[{"type":"DELETE","kv":{"key":"L3ZycnBkL3g=","mod_revision":"12"}}]}}""",
            EtcdJsonContext.Default.WatchStreamMessage)!;
        WatchStreamMessage put = JsonSerializer.Deserialize(
            """{"result":{"header":{"revision":"13"},"events":[{"kv":{"key":"L3ZycnBkL3g=","create_revision":"13","mod_revision":"13","version":"1","value":"Yg==","lease":"99"}}]}}""",
            EtcdJsonContext.Default.WatchStreamMessage)!;

        Assert.Equal(("DELETE", 12L), (delete.Result!.Events![0].Type, delete.Result.Events[0].Kv!.ModRevision));
        Assert.Null(put.Result!.Events![0].Type);
        Assert.Equal(99, put.Result.Events[0].Kv!.Lease);
    }

    [Fact]
    public async Task LineReader_SplitsMessages_SkipsBlankLines_AndReturnsAnUnterminatedLast()
    {
        var reader = new BoundedLineReader(new MemoryStream("{\"a\":1}\n\r\n{\"b\":2}\n{\"c\":3}"u8.ToArray()), 16);

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString((await reader.ReadLineAsync(default))!));
        Assert.Equal("{\"b\":2}", Encoding.UTF8.GetString((await reader.ReadLineAsync(default))!));
        Assert.Equal("{\"c\":3}", Encoding.UTF8.GetString((await reader.ReadLineAsync(default))!));
        Assert.Null(await reader.ReadLineAsync(default));
    }

    [Fact]
    public async Task LineReader_RefusesAMessageLongerThanItsLimit()
    {
        var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 40) + "\n")), 16);

        IOException e = await Assert.ThrowsAsync<IOException>(() => reader.ReadLineAsync(default));
        Assert.Contains("longer than 16 bytes", e.Message);
    }
}
