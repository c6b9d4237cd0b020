using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pi.Orleans.Api.Tests.Infrastructure;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Api.Tests;

[Collection(InProcessApiCollection.Name)]
public sealed class PrecisionApiTests(InProcessApi api)
{
    private const double Z95 = 1.959963984540054;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestByPrecisionRunsThePlannedPointsAndSaysTheTargetWasMet()
    {
        using var response = await api.Http.SubmitAsync(new { target_error = 1e-3, mode = "distributed", seed = 11 }, Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<Calculation>(ApiJson.Options, Token))!;

        var done = await api.Client.WaitFinishedAsync(accepted.Id, Timeout, Token);

        Assert.Equal("completed", done.Status);
        Assert.Equal(10_420_224, done.TotalPoints);
        Assert.Equal(10_420_224, done.ResultTotal);
        Assert.Equal(1e-3, done.TargetError);
        Assert.Equal(Z95 * done.StandardError!.Value, done.HalfWidth!.Value, 1e-15);
        Assert.True(done.TargetMet);
        Assert.Equal(0, done.EtaS);
    }

    [Fact]
    public async Task ARequestByPointsHasNoTargetToMeet()
    {
        var done = (await api.Client.SubmitAsync(1_000_000, "single", 5, Token))!;

        Assert.Null(done.TargetError);
        Assert.Null(done.TargetMet);
        Assert.NotNull(done.HalfWidth);
    }

    [Fact]
    public async Task TheEstimateOfATargetPlansItsPointsAndTimesThemWithTheMeasuredRate()
    {
        var estimate = await MeasuredEstimateAsync(targetError: 1e-4, deadlineSeconds: 2);

        Assert.Equal(15_808L * 65_536, estimate.TotalPoints);
        Assert.Equal(1e-4, estimate.TargetError);
        Assert.InRange(estimate.ExpectedHalfWidth, 0.99e-4, 1e-4);
        Assert.True(estimate.SlotsAvailable > 0);
        Assert.Equal(estimate.TotalPoints / (estimate.PointsPerSecondPerSlot * estimate.SlotsAvailable), estimate.ExpectedDurationS!.Value, 1e-9);
        var workers = (int)Math.Ceiling(estimate.TotalPoints / (estimate.PointsPerSecondPerSlot * estimate.SlotsPerWorker * 2));
        Assert.Equal(Math.Max(1, workers), estimate.DesiredWorkers);
    }

    [Fact]
    public async Task TheEstimateOfAPointCountGivesItsExpectedHalfWidthAndNoWorkersWithoutADeadline()
    {
        var estimate = await api.Client.EstimateAsync(1_000_000_000, null, null, Token);

        Assert.Equal(1_000_000_000, estimate.TotalPoints);
        Assert.Null(estimate.TargetError);
        Assert.InRange(estimate.ExpectedHalfWidth, 1.0e-4, 1.02e-4);
        Assert.Null(estimate.DeadlineS);
        Assert.Null(estimate.DesiredWorkers);
    }

    [Fact]
    public async Task EtaIsPresentAndFallsDuringADistributedRun()
    {
        await MeasuredEstimateAsync(targetError: 1e-3, deadlineSeconds: null);
        var accepted = await api.Client.SubmitAsync(4_000_000_000, "distributed", 2718, Token);
        var events = await api.Client.EventsAsync(accepted.Id, Token);
        Assert.NotNull(events);

        var streamed = new List<double?>();
        var read = new List<double?>();
        JsonElement? final = null;
        await foreach (var e in events.WithCancellation(Token))
        {
            if (e.Name == "progress")
            {
                var update = JsonSerializer.Deserialize<ProgressUpdate>(e.Data, ApiJson.Options)!;
                streamed.Add(update.EtaS);
                if (streamed.Count % 3 == 1)
                {
                    var now = await api.Client.GetAsync(accepted.Id, Token);
                    if (!now.IsFinished)
                    {
                        read.Add(now.EtaS);
                    }
                }
            }
            else
            {
                final = JsonSerializer.Deserialize<JsonElement>(e.Data);
                break;
            }
        }

        Assert.True(streamed.Count >= 3, $"only {streamed.Count} progress events");
        Assert.True(read.Count >= 2, $"only {read.Count} reads while running");
        Assert.All(streamed, eta => Assert.NotNull(eta));
        Assert.All(read, eta => Assert.NotNull(eta));
        Assert.True(streamed[^1] < streamed[0], $"streamed eta_s did not fall: {string.Join(", ", streamed)}");
        Assert.True(read[^1] < read[0], $"read eta_s did not fall: {string.Join(", ", read)}");
        Assert.Equal("completed", final!.Value.GetProperty("status").GetString());
        Assert.Equal(0, final.Value.GetProperty("eta_s").GetDouble());
    }

    // The estimate once the silo has measured its speed (a calibration run at start gives the first rate).
    private Task<Estimate> MeasuredEstimateAsync(double targetError, double? deadlineSeconds) =>
        Eventually.ReachesAsync<Estimate>(
            async token => await api.Client.EstimateAsync(null, targetError, deadlineSeconds, token),
            e => e.ExpectedDurationS is not null,
            Timeout,
            e => $"no measured rate yet: {e}",
            Token);
}
