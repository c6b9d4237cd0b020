using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Web.Tests;

public sealed class WebPageTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private HostProcess? _api;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException("chromium is not installed. Install it with: apt-get install -y chromium");
        }

        _api = HostProcess.Start("api", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Pi__ChunkPoints"] = (1 << 26).ToString(CultureInfo.InvariantCulture),
            ["Pi__ChunkDuration"] = "00:00:00",
        });
        await _api.WaitReadyAsync(TimeSpan.FromSeconds(60));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [Fact]
    public async Task APersonSubmitsACalculationWatchesItFinishAndSeesTheSameResultAsTheApi()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(_api!.Http.BaseAddress!.ToString());
        await Assertions.Expect(page.GetByTestId("silos")).ToContainTextAsync("front", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

        await page.GetByTestId("points").FillAsync("3e9");
        await page.GetByTestId("seed").FillAsync("271828");
        await page.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("completed", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });

        var id = (await page.GetByTestId("calc-id").TextContentAsync())!.Trim();
        var shown = (await page.GetByTestId("estimate").TextContentAsync())!.Trim();
        var chunks = (await page.GetByTestId("chunks").TextContentAsync())!.Trim();
        var api = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/calculate/{id}", TestContext.Current.CancellationToken);
        await SaveScreenshotAsync(page, "calculation-completed.png");

        Assert.Equal("completed", api.GetProperty("status").GetString());
        Assert.Equal(api.GetProperty("result_pi").GetDouble().ToString("F10", CultureInfo.InvariantCulture), shown);
        Assert.Equal(271828UL, api.GetProperty("seed").GetUInt64());
        Assert.Equal($"{api.GetProperty("chunks_total").GetInt32()} / {api.GetProperty("chunks_total").GetInt32()}", chunks);
        await Assertions.Expect(page.GetByTestId("recent")).ToContainTextAsync(id[..8]);
        await AssertTheRecentTableFitsItsCardAsync(page);
    }

    [Fact]
    public async Task APersonAsksForAPrecisionSeesThePlanAndGetsATargetThatIsMet()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(_api!.Http.BaseAddress!.ToString());

        await page.GetByTestId("by").SelectOptionAsync("precision");
        await page.GetByTestId("precision").FillAsync("1e-3");
        await Assertions.Expect(page.GetByTestId("plan")).ToContainTextAsync("10,420,224 points");
        await page.GetByTestId("seed").FillAsync("31415");
        await page.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("completed", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });

        var id = (await page.GetByTestId("calc-id").TextContentAsync())!.Trim();
        var api = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/calculate/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(10_420_224, api.GetProperty("total_points").GetInt64());
        Assert.Equal(1e-3, api.GetProperty("target_error").GetDouble());
        Assert.True(api.GetProperty("target_met").GetBoolean());
        Assert.Equal(0, api.GetProperty("eta_s").GetDouble());
        await Assertions.Expect(page.GetByTestId("target")).ToContainTextAsync("met");
        await Assertions.Expect(page.GetByTestId("recent")).ToContainTextAsync("1.0e-3");
        await SaveScreenshotAsync(page, "precision-completed.png");
        await AssertTheRecentTableFitsItsCardAsync(page);
    }

    [Fact]
    public async Task BadInputShowsTheServicesExplanation()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(_api!.Http.BaseAddress!.ToString());

        await page.GetByTestId("points").FillAsync("5e13");
        await page.GetByTestId("submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("form-error")).ToContainTextAsync("total_points must be at most");
    }

    // The page as a 1400 px window shows it: every cell of the "Recent" table, the π and duration columns included, lies inside its card.
    private static async Task AssertTheRecentTableFitsItsCardAsync(IPage page)
    {
        await Assertions.Expect(page.GetByTestId("recent").Locator("tr").First).ToBeVisibleAsync();
        var edges = await page.EvaluateAsync<double[]>("""
            () => [document.querySelector('[data-testid=recent-table]').getBoundingClientRect().right,
                   Math.max(...[...document.querySelectorAll('[data-testid=recent-table] th, [data-testid=recent-table] td')].map(c => c.getBoundingClientRect().right)),
                   document.querySelector('[data-testid=recent-card]').getBoundingClientRect().right,
                   window.innerWidth]
            """);
        Assert.Equal(1400, edges[3]);
        Assert.True(edges[0] <= edges[2], $"the Recent table ends at {edges[0]} px, past its card's right edge at {edges[2]} px");
        Assert.True(edges[1] <= edges[2], $"a Recent cell ends at {edges[1]} px, past its card's right edge at {edges[2]} px");
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Animations = ScreenshotAnimations.Disabled });
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, screenshot, TestContext.Current.CancellationToken);
        TestContext.Current.AddAttachment(name, screenshot, "image/png");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
