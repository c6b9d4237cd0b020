using System.Text.Json;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Client;

/// <summary>
/// Follows a calculation to its end: through GET /api/calculate/{id}/events when the API has it, otherwise (404, or a stream
/// that breaks or ends without a final event) by polling GET every 500 ms.
/// </summary>
public sealed class CalculationFollower(PiApiClient api, TimeSpan? pollInterval = null)
{
    // Polling is the fallback when the events route is missing or its stream breaks; a measuring client asks for a shorter one.
    private readonly TimeSpan _pollInterval = pollInterval ?? TimeSpan.FromMilliseconds(500);

    /// <summary>Whether the final state came from the events stream.</summary>
    public bool UsedEvents { get; private set; }

    public async Task<Calculation> FollowAsync(Calculation start, Action<ProgressUpdate> onUpdate, CancellationToken cancellationToken)
    {
        if (start.IsFinished)
        {
            return start;
        }

        var final = await TryEventsAsync(start.Id, onUpdate, cancellationToken);
        if (final is not null)
        {
            UsedEvents = true;
            return final;
        }

        while (true)
        {
            var current = await api.GetAsync(start.Id, cancellationToken);
            onUpdate(ProgressUpdate.From(current));
            if (current.IsFinished)
            {
                return current;
            }

            await Task.Delay(_pollInterval, cancellationToken);
        }
    }

    private async Task<Calculation?> TryEventsAsync(Guid id, Action<ProgressUpdate> onUpdate, CancellationToken cancellationToken)
    {
        try
        {
            var events = await api.EventsAsync(id, cancellationToken);
            if (events is null)
            {
                return null;
            }

            await foreach (var e in events.WithCancellation(cancellationToken))
            {
                if (e.Name == "progress" && JsonSerializer.Deserialize<ProgressUpdate>(e.Data, ApiJson.Options) is { } update)
                {
                    onUpdate(update);
                }
                else if (e.Name is "completed" or "failed" or "cancelled")
                {
                    return JsonSerializer.Deserialize<Calculation>(e.Data, ApiJson.Options);
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            // A broken stream is no failure of the calculation: polling takes over.
        }

        return null;
    }
}
