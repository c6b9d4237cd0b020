using System.Threading.Channels;

namespace Pi.Orleans.Api.Progress;

/// <summary>Receives pushed progress and keeps only the newest update for the stream to read.</summary>
internal sealed class ChannelProgressObserver : IProgressObserver
{
    private readonly Channel<CalculationProgress> _updates =
        Channel.CreateBounded<CalculationProgress>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>The updates, newest only.</summary>
    public ChannelReader<CalculationProgress> Updates => _updates.Reader;

    public Task OnProgressAsync(CalculationProgress progress)
    {
        _updates.Writer.TryWrite(progress);
        return Task.CompletedTask;
    }
}
