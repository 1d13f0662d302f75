use envconfig::Choice;

#[derive(Choice)]
#[allow(non_camel_case_types)]
enum Level {
    TraceAll,
    Trace_All,
    #[choice(alias = "warning")]
    Warn,
    #[choice(alias = "WARN")]
    Warning,
    #[choice(rename = "trace_all")]
    Verbose,
    #[choice(alias = "info", alias = "all")]
    Info,
}

fn main() {}
