spawn parent
frobnicate parent
