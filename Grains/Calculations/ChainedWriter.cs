namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// Writes one grain's state through <c>write</c>, one write at a time: a write starts only when the one before it has ended,
/// because two overlapping writes of one state conflict on the ETag. Progress writes come at most every <c>interval</c>.
/// Plain code with no Orleans types.
/// </summary>
internal sealed class ChainedWriter(Func<Task> write, TimeSpan interval, TimeProvider time)
{
    private const int FinalAttempts = 5;
    private Task _last = Task.CompletedTask;
    private DateTimeOffset _writtenAt = DateTimeOffset.MinValue;

    /// <summary>Counts the state as written now, so the next progress write waits a whole interval.</summary>
    public void CountAsWritten() => _writtenAt = time.GetUtcNow();

    /// <summary>Writes once the previous write has ended; the returned task fails with this write's error.</summary>
    public Task WriteAsync()
    {
        _last = WriteAfterAsync(_last);
        return _last;
    }

    /// <summary>Writes if the interval has passed since the last write; a failure goes to <paramref name="onFailed"/>, and the next write carries the change.</summary>
    public async Task WriteIfDueAsync(Action<Exception> onFailed)
    {
        if (time.GetUtcNow() - _writtenAt < interval)
        {
            return;
        }

        try
        {
            await WriteAsync();
        }
        catch (Exception ex)
        {
            onFailed(ex);
        }
    }

    /// <summary>Writes until a write succeeds: up to 5 attempts, 1, 2, 3 and 4 s apart; every failure but the last goes to <paramref name="onFailed"/>, and the last is thrown.</summary>
    public async Task WriteFinalAsync(Action<Exception> onFailed)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync();
                return;
            }
            catch (Exception ex) when (attempt < FinalAttempts)
            {
                onFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time);
            }
        }
    }

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // The caller of the earlier write saw its error.
        }

        await write();
        _writtenAt = time.GetUtcNow();
    }
}
