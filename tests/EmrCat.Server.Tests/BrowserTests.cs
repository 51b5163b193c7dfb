using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EmrCat.Server.Api;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;

namespace EmrCat.Server.Tests;

/// <summary>A candidate's quick run in Debian's headless Chromium, by keyboard only, against the real server.</summary>
public sealed class BrowserTests
{
    [SkippableFact]
    public async Task QuickRun_ByKeyboardInChromium_ShowsTheResultWithThe950LineDomainsAndErrorLog()
    {
        var (browser, driverPath) = RequiredServices.Chromium();
        using var factory = new ServerFactory();
        factory.UseKestrel(0);
        using var client = factory.CreateClient();
        string? shots = Environment.GetEnvironmentVariable("EMRCAT_SCREENSHOTS");

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,1300");
        using var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Navigate().GoToUrl(client.BaseAddress!);

        driver.FindElement(By.Id("preset-quick")).Click();
        driver.FindElement(By.Id("seed")).SendKeys("3");
        Shot(driver, shots, "1-start");
        driver.FindElement(By.Id("start")).Click();

        string timerBefore = Until(driver, d => Visible(d, "item-view") ? d.FindElement(By.Id("timer")).Text : null);
        Assert.Matches(@"^\d+:\d\d left$", timerBefore);
        int answered = 0;
        string? lastStem = null;
        while (!Visible(driver, "result-view"))
        {
            string progress = Until(driver, d => Visible(d, "item-view") && d.FindElement(By.Id("progress")).Text.StartsWith($"Item {answered + 1} ", StringComparison.Ordinal)
                ? d.FindElement(By.Id("progress")).Text : null);
            string stem = driver.FindElement(By.Id("item-stem")).Text;
            Assert.NotEqual(lastStem, stem);
            if (answered == 3)
            {
                // A reload continues with the same item: the page never goes back to an answered one.
                driver.Navigate().Refresh();
                Until(driver, d => Visible(d, "item-view") && d.FindElement(By.Id("item-stem")).Text == stem ? stem : null);
                Assert.Equal(progress, driver.FindElement(By.Id("progress")).Text);
            }

            // Whatever type the seeded run shows: one answer, a selection (checkboxes) or an order of every option.
            var keys = new Actions(driver);
            string letter = answered % 2 == 0 ? "B" : "C";
            string type = driver.FindElement(By.Id("options")).GetAttribute("data-type")!;
            int count = driver.FindElements(By.CssSelector("#options .option")).Count;
            if (type == "ordered")
            {
                // The letter first, then the others as shown; a letter again takes it out (and back at the end).
                string order = letter + string.Concat(Enumerable.Range(0, count).Select(i => ((char)('A' + i)).ToString()).Where(l => l != letter));
                keys.SendKeys(order.ToLowerInvariant()).SendKeys(Keys.Backspace).SendKeys(order[^1..].ToLowerInvariant()).Perform();
                var ranks = driver.FindElements(By.CssSelector("#options .option")).ToDictionary(o => o.FindElement(By.CssSelector(".key")).Text, o => o.FindElement(By.CssSelector(".rank")).Text);
                Assert.Equal(Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture)), order.Select(l => ranks[l.ToString()]));
            }
            else
            {
                keys.SendKeys(letter.ToLowerInvariant()).Perform();
                var chosen = driver.FindElements(By.CssSelector("#options .option[aria-checked=true] .key"));
                Assert.Equal(letter, Assert.Single(chosen).Text);
            }

            if (answered == 1) Shot(driver, shots, "2-item");
            keys.SendKeys(Keys.Enter).Perform();
            answered++;
            lastStem = stem;
            Until(driver, d => Visible(d, "result-view") || (Visible(d, "item-view") && d.FindElement(By.Id("progress")).Text.StartsWith($"Item {answered + 1} ", StringComparison.Ordinal)) ? "" : null);
            Assert.True(answered <= 25, "the quick preset ends by 25 items");
        }

        Assert.InRange(answered, 20, 25);
        Shot(driver, shots, "3-result");
        var session = JsonDocument.Parse((string)driver.ExecuteScript("return sessionStorage.getItem('emrcat-session')")!).RootElement;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{session.GetProperty("id").GetString()}/report");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
        var report = (await (await client.SendAsync(request)).Content.ReadFromJsonAsync<ReportView>(Candidate.Json))!;

        Assert.Equal(answered, report.Result.ScoredCount + report.Result.PilotCount);
        Assert.Equal(report.Result.Decision, driver.FindElement(By.Id("decision")).Text);
        Assert.Equal(report.Result.ReportedScore.ToString(CultureInfo.InvariantCulture), driver.FindElement(By.Id("score-value")).Text);
        Assert.Equal("950 passing", driver.FindElement(By.CssSelector("#pass-line span")).Text);
        double passAt = Convert.ToDouble(driver.ExecuteScript("const t = document.getElementById('score-bar').getBoundingClientRect(); const l = document.getElementById('pass-line').getBoundingClientRect(); return (l.left - t.left) / t.width;"), CultureInfo.InvariantCulture);
        Assert.Equal((950 - 100) / 1400.0, passAt, precision: 2);
        Assert.Equal(report.Result.Domains.Count, driver.FindElements(By.CssSelector("#domains tbody tr")).Count);
        Assert.Equal(report.ErrorLog.Count, driver.FindElements(By.CssSelector("#error-log .miss")).Count);
        Assert.Equal(report.RepairPlan.Count, driver.FindElements(By.CssSelector("#repair-plan > li")).Count);
        Assert.Empty(driver.FindElement(By.Id("message")).Text);
    }

    private static bool Visible(IWebDriver driver, string id) => driver.FindElement(By.Id(id)).Displayed;

    private static T Until<T>(IWebDriver driver, Func<IWebDriver, T?> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                if (condition(driver) is { } value) return value;
            }
            catch (StaleElementReferenceException)
            {
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The page did not get there in 20 s; it shows: {driver.FindElement(By.TagName("body")).Text}");
            Thread.Sleep(50);
        }
    }

    private static void Shot(ChromeDriver driver, string? directory, string name)
    {
        if (directory is null) return;
        Directory.CreateDirectory(directory);
        driver.GetScreenshot().SaveAsFile(Path.Combine(directory, name + ".png"));
    }
}
