# The oracle: R's surveillance::earsC with its defaults, on counts given as
# "C1|C2|C3" and comma-separated counts. Prints one JSON object (upperbound NaN -> null).
suppressMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
counts <- as.numeric(strsplit(args[2], ",")[[1]])
r <- earsC(sts(observed = counts), control = list(method = args[1]))
num <- function(x) ifelse(is.na(x), "null", formatC(x, digits = 17, format = "g"))
lgl <- function(x) ifelse(is.na(x), "null", ifelse(x, "true", "false"))
cat("{\"upperbound\": [", paste(num(upperbound(r)), collapse = ", "),
    "], \"alarm\": [", paste(lgl(alarms(r)), collapse = ", "), "]}\n", sep = "")
