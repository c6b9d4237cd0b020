using Pi.Orleans.Client;

namespace Pi.Orleans.Cli.Tests;

public sealed class ServerSentEventReaderTests
{
    [Fact]
    public async Task ReadsNamedEventsWithMultiLineDataAndSkipsComments()
    {
        var text = ": keep-alive\nevent: progress\ndata: {\"a\":1}\n\nevent: completed\ndata: line1\ndata: line2\nid: 7\n\ndata: last";

        var events = await ServerSentEventReader.ReadAsync(new StringReader(text), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            [new ServerSentEvent("progress", "{\"a\":1}"), new ServerSentEvent("completed", "line1\nline2"), new ServerSentEvent("message", "last")],
            events);
    }
}
